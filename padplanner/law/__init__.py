"""The law as built-in plugins: ``wi2021`` (Wet inburgering 2021)."""
