from wcit_data.cli import main

raise SystemExit(main())
