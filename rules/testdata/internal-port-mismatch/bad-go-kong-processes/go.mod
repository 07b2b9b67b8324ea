module example.com/api

go 1.22

require github.com/alecthomas/kong v1.6.0
