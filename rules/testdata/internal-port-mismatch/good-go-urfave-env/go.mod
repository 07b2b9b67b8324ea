module example.com/app

go 1.22

require github.com/urfave/cli/v2 v2.27.5
