module example.com/gobuiltin

go 1.22
