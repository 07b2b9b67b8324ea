// Package routes builds the app's echo instance.
package routes

import "github.com/labstack/echo/v4"

func NewRouter() *echo.Echo {
	e := echo.New()
	return e
}
