"""Allow ``python -m motiongen``."""

from motiongen.cli import main

main()
