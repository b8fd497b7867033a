"""The frozen app's entry point (build.spec): the same `desk` command the package installs."""

from ui.launch import main

raise SystemExit(main())
