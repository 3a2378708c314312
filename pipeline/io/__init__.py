"""Files in and out: reading sources, writing outputs atomically, running a batch."""
