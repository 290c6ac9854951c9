"""One module per screen; every screen derives from :class:`~.base.PadScreen`."""
