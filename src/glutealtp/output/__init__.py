"""Everything a person or a script reads: what each command shows, and how it is printed."""
