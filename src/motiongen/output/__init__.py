"""The documents: Markdown and text through templates, Word, and PDF through LibreOffice.

Every file motiongen writes leaves through ``fileset``; the formats are in ``formats``.
"""
