"""Server-rendered pages of the curriculum app: learn (officer), facilitate, verify (public)."""
