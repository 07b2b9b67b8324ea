module example.com/envbranch

go 1.22
