"""Operations tests: several app servers behind nginx, backup and restore."""
