from sassot_desktop.cli import main

raise SystemExit(main())
