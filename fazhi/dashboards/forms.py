from django import forms

from fazhi.core.forms import TokenForm


class BoundaryUploadForm(TokenForm):
    name = forms.CharField(label="名称", max_length=200, help_text="如：示范市区县界（2026年民政部门提供）")
    file = forms.FileField(
        label="边界文件",
        help_text="GeoJSON（.geojson 或 .json）要素集合；每个区域的 properties.code 为单位编码，几何为 Polygon 或 MultiPolygon。",
    )
