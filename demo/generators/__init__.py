"""Python only for what is generated rather than written: synthetic volume
(`seed_demo --scale`), registrations, survey answers, scenario attempts, files
and illustrations. Each generator is repeatable (a seeded random generator) and
adds its rows once."""
