"""The planning engine: one small module per stage, strung together by planner.py."""
