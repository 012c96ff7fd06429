"""The documents: Markdown and text through templates, Word, and PDF through LibreOffice."""
