from moat.cli import main

main()
