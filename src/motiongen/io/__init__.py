"""Reading and writing the user's files: data with positions, writes that lose nothing."""
