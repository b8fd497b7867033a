from district.cli import main

raise SystemExit(main())
