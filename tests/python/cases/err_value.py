# ValueError from int().
int("twelve")
