"""Chart grids: several charts in one dock (1, 2, 3 or 4), each with its own symbol and period,
their crosshairs synced in time."""
