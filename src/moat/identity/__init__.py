"""Who is calling: keys, the directory of accounts and organizations, attribution and linking."""
