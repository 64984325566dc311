"""parcheck: checks the Khánh Hòa Department of Industry and Trade's PAR Index plan."""

__version__ = "0.1.0"
