module example.com/shop

go 1.22

require github.com/gofiber/fiber/v2 v2.52.15

// The fixture carries a stub of fiber's App API instead of the real
// module, so the test needs no download.
replace github.com/gofiber/fiber/v2 => ./third_party/fiber
