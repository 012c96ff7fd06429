"""motiongen: conference-ready motions against the privatisation of children's social care."""

__version__ = "0.1.0"
