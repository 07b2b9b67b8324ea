#!/bin/sh
worker &
exec pocketbase serve --http 0.0.0.0:8080
