"""`glutealtp ask`: the guided questionnaire (`answers`: parsing, no I/O; `dialogue`: prompts)."""
