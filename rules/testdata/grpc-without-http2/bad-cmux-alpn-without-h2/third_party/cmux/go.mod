module github.com/soheilhy/cmux

go 1.22
