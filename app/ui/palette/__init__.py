"""The symbol palette (search by code, name or pinyin): its model and view."""
