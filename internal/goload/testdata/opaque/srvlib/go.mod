module example.com/srvlib

go 1.22
