module example.com/gobp

go 1.22
