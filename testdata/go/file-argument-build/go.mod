module example.com/coord

go 1.22
