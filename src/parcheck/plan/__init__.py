"""The plan: its model, loading it from YAML with positions, the checks of meaning that span
fields, recurring rules, and its JSON Schema. `load_plan` is what the rest of parcheck uses."""
