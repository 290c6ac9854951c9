"""``python -m padplanner``: the same command line as the ``padplanner`` script."""

from padplanner.cli import main

if __name__ == "__main__":
    main()
