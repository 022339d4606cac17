"""Citation data for Chinese laws and regulations: names, versions, article counts and texts."""
