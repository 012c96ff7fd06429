"""A motion as data (spec files, batches, CSV merges) and its composition into a document."""
