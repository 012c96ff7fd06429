"""Conference week: compositing similar motions, grouping them, and the mover's brief."""
