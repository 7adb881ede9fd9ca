"""One module per command group; ``tracker.cli`` loads the one a command needs when it runs it.

Every command is ``function(args, settings) -> None``: it prints its answer to standard output and
raises ``tracker.errors.UserError`` (or a graph error with Danish and English texts) for a problem
the user can fix.
"""
