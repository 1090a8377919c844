"""The command line. Importing this package imports nothing: the quick path stays typer-free."""
