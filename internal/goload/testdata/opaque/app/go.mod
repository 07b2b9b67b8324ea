module example.com/app

go 1.22

require example.com/srvlib v0.0.0

replace example.com/srvlib => ../srvlib
