"""What staff keeps of other services' data: the locations facilities announces."""
