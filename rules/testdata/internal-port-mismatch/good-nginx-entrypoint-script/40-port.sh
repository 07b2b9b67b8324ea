#!/bin/sh
sed -i "s/listen  *80;/listen 8080;/" /etc/nginx/conf.d/default.conf
