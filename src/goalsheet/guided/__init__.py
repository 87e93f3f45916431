"""`goalsheet new client|goal`: guided prompts that write valid YAML."""
