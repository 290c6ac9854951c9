"""Misbehaving rule plugins for the tests: one that hangs, one that answers with the wrong
types, and one that tries to change what it is given. They serve the made-up code GM0997 and
are registered in-process (``manager.register(hostile.hang, "hang")``) or, for the command line,
installed for one test as a distribution on ``sys.path``.
"""
