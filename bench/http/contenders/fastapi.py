"""FastAPI on uvicorn: the reference framework, same endpoints as the TypeScript contenders."""

import asyncio
import json
import sys

import uvicorn
from fastapi import Depends, FastAPI, Header, HTTPException, Query
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

app = FastAPI(title="bench")


class Dimensions(BaseModel):
    width: float
    height: float


class Item(BaseModel):
    name: str = Field(min_length=1)
    price: float = Field(gt=0)
    tags: list[str]
    dimensions: Dimensions
    in_stock: bool
    sku: str = Field(pattern=r"^[A-Z]{3}-\d{4}$")


@app.get("/hello")
async def hello():
    return {"message": "hello"}


@app.get("/items/{item_id}")
async def read_item(
    item_id: int,
    q: str | None = Query(None, max_length=50),
    limit: int = Query(10, ge=1, le=100),
):
    return {"item_id": item_id, "q": q, "limit": limit}


@app.post("/items", response_model=Item, status_code=201)
async def create_item(item: Item):
    return {**item.model_dump(), "internal_cost": 1}


def api_key(x_api_key: str = Header()):
    if x_api_key != "secret":
        raise HTTPException(401, "Invalid API key")
    return x_api_key


async def current_user(key: str = Depends(api_key)):
    return {"name": "alice", "key": key}


@app.get("/secure")
async def secure(user: dict = Depends(current_user)):
    return {"user": user["name"]}


@app.get("/slow")
async def slow():
    await asyncio.sleep(0.1)
    return {"ok": True}


async def events():
    for i in range(50):
        yield f"data: {json.dumps({'i': i}, separators=(',', ':'))}\n\n"


@app.get("/sse")
async def sse():
    headers = {"cache-control": "no-cache", "x-accel-buffering": "no"}
    return StreamingResponse(events(), media_type="text/event-stream", headers=headers)


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", access_log=False)
