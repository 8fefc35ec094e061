#!/usr/bin/env python
from fraudcase.cli import main

if __name__ == "__main__":
    main()
