"""Tools run from the repository: the local node (``local_es``) and the benchmark (``bench``)."""
