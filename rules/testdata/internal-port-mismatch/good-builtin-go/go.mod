module example.com/gobuiltin2

go 1.22
