"""The documents: Markdown and text through templates, Word, and PDF through LibreOffice."""

# The formats motiongen writes a motion in.
FORMATS = ("md", "txt", "docx", "pdf")
