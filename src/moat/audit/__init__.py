"""Evidence: the hash-chained decision and admin logs, and the recorder that feeds them."""
