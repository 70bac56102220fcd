"""`moat demo`: the whole story on a laptop, through the real gateway and console."""
